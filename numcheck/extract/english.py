"""French words of counted things, in English, to name quantities in one language whatever the
article's: "victimes ukrainiennes" → ukrainian_victims, "soldats russes tués" → russian_soldiers_killed.

A small table of the nouns, adjectives and participles the news counts with. A French noun phrase
puts its adjectives after the noun; the English name puts them before it, and a participle (the
predicate: tués, blessés) last. A word that is not in the table is kept (without its accents).
"""

from __future__ import annotations

from numcheck.extract.vocabulary import fold

__all__ = ["ADJECTIVE", "NOUN", "PARTICIPLE", "english_words"]

NOUN, ADJECTIVE, PARTICIPLE = "noun", "adjective", "participle"

_NOUNS = """
soldat soldiers | soldats soldiers | troupe troops | troupes troops | militaire soldiers | militaires soldiers
personne people | personnes people | gens people | victime victims | victimes victims | civil civilians
civils civilians | enfant children | enfants children | femme women | femmes women | homme men | hommes men
habitant residents | habitants residents | refugie refugees | refugies refugees | migrant migrants
migrants migrants | prisonnier prisoners | prisonniers prisoners | otage hostages | otages hostages
combattant fighters | combattants fighters | mercenaire mercenaries | mercenaires mercenaries | perte losses
pertes losses | obus shells | cartouche rounds | cartouches rounds | munition munitions | munitions munitions
missile missiles | missiles missiles | roquette rockets | roquettes rockets | drone drones | drones drones
char tanks | chars tanks | avion aircraft | avions aircraft | vehicule vehicles | vehicules vehicles
batiment buildings | batiments buildings | maison houses | maisons houses | logement homes | logements homes
habitation homes | habitations homes | immeuble buildings | immeubles buildings | emploi jobs | emplois jobs
chomeur unemployed | chomeurs unemployed | salarie employees | salaries employees | travailleur workers
travailleurs workers | electeur voters | electeurs voters | voix votes | vote votes | votes votes
manifestant protesters | manifestants protesters | policier police_officers | policiers police_officers
gendarme gendarmes | gendarmes gendarmes | interpellation arrests | interpellations arrests
arrestation arrests | arrestations arrests | euro euros | euros euros | dollar dollars | dollars dollars
kilometre kilometres | kilometres kilometres | an years | ans years | annee years | annees years | mois months
jour days | jours days | semaine weeks | semaines weeks | heure hours | heures hours | minute minutes
minutes minutes | tonne tonnes | tonnes tonnes | hectare hectares | hectares hectares | cas cases
deces deaths | malade patients | malades patients | patient patients | patients patients | eleve pupils
eleves pupils | etudiant students | etudiants students | menage households | menages households
famille families | familles families | foyer households | foyers households | entreprise companies
entreprises companies | general generals | generaux generals | officier officers | officiers officers
ministre ministers | ministres ministers | depute deputies | deputes deputies | seisme earthquakes
replique aftershocks | repliques aftershocks | budget budget | credits credits | depense spending
depenses spending | population population | sonde respondents | sondes respondents | morts dead
blesses wounded | tues killed | disparus missing | deplaces displaced | francais french_people
ukrainiens ukrainians | russes russians | americains americans | nord-coreens north_koreans | senior seniors
seniors seniors | joueur players | joueurs players | billet tickets | billets tickets | poste posts
postes posts | attaque attacks | attaques attacks | record records | records records | degre degrees
degres degrees | point points | points points | region regions | regions regions | pays countries
ville cities | villes cities | commune towns | communes towns | hopital hospitals | hopitaux hospitals
""".strip()

_ADJECTIVES = """
russe russian | russes russian | ukrainien ukrainian | ukrainienne ukrainian | ukrainiens ukrainian
ukrainiennes ukrainian | nord-coreen north_korean | nord-coreenne north_korean | nord-coreens north_korean
nord-coreennes north_korean | sud-coreen south_korean | sud-coreenne south_korean | sud-coreens south_korean
sud-coreennes south_korean | coreen korean | coreens korean | americain american | americaine american
americains american | americaines american | francais french | francaise french | francaises french
chinois chinese | chinoise chinese | chinoises chinese | israelien israeli | israelienne israeli
israeliens israeli | israeliennes israeli | palestinien palestinian | palestinienne palestinian
palestiniens palestinian | palestiniennes palestinian | syrien syrian | syrienne syrian | syriens syrian
syriennes syrian | turc turkish | turque turkish | turcs turkish | turques turkish | iranien iranian
iranienne iranian | iraniens iranian | iraniennes iranian | allemand german | allemande german
allemands german | allemandes german | britannique british | britanniques british | europeen european
europeenne european | europeens european | europeennes european | etranger foreign | etrangere foreign
etrangers foreign | etrangeres foreign | nouveau new | nouvelle new | nouveaux new | nouvelles new
supplementaire additional | supplementaires additional | total total | totale total | mensuel monthly
mensuelle monthly | mensuels monthly | annuel annual | annuelle annual | annuels annual | grave serious
graves serious | arme armed | armes armed | armee armed | armees armed | civile civilian | civiles civilian
internes internal | interne internal | publique public | publiques public | public public | publics public
militaire military | regionale regional | regional regional | nationaux national | nationale national
national national | mondial global | mondiale global | nucleaire nuclear | nucleaires nuclear
""".strip()

_PARTICIPLES = """
tue killed | tues killed | tuee killed | tuees killed | blesse wounded | blesses wounded | blessee wounded
blessees wounded | mort dead | morts dead | morte dead | mortes dead | disparu missing | disparus missing
disparue missing | disparues missing | deplace displaced | deplaces displaced | deplacee displaced
deplacees displaced | evacue evacuated | evacues evacuated | evacuee evacuated | evacuees evacuated
arrete arrested | arretes arrested | interpelle arrested | interpelles arrested | secouru rescued
secourus rescued | detruit destroyed | detruits destroyed | detruite destroyed | detruites destroyed
endommage damaged | endommages damaged | endommagee damaged | endommagees damaged | incendie burned
incendies burned | incendiee burned | incendiees burned | envoye sent | envoyes sent | deploye deployed
deployes deployed | expedie shipped | expedies shipped | livre delivered | livres delivered | vendu sold
vendus sold | vendues sold | effondre collapsed | effondres collapsed | infecte infected | infectes infected
vaccine vaccinated | vaccines vaccinated | hospitalise hospitalised | hospitalises hospitalised
recense recorded | recenses recorded | interroge surveyed | interroges surveyed | interrogees surveyed
interrogee surveyed | renvoyes dismissed | mobilises mobilised | neutralises neutralised | emmenes taken
refoules turned_back | retires pulled_out | brules burned | kidnappes kidnapped | enleves kidnapped
""".strip()


def _table(text: str) -> dict[str, str]:
    pairs = (entry.split() for line in text.splitlines() for entry in line.split("|") if entry.strip())
    return {fold(fr): en for fr, en in pairs}


_WORDS: dict[str, dict[str, str]] = {NOUN: _table(_NOUNS), ADJECTIVE: _table(_ADJECTIVES),
                                     PARTICIPLE: _table(_PARTICIPLES)}


def english_words(words: list[str]) -> list[tuple[str, str]]:
    """Each French word of a noun phrase in English with its part (noun, adjective, participle):
    the first word is a noun if it can be one, later ones are adjectives or participles if they
    can be; a word not in the table is kept, folded, as a noun."""
    out: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        key = fold(word).strip("'’")
        parts = (NOUN, ADJECTIVE, PARTICIPLE) if i == 0 else (PARTICIPLE, ADJECTIVE, NOUN)
        part = next((p for p in parts if key in _WORDS[p]), None)
        out.append((_WORDS[part][key], part) if part else (key, NOUN))
    return out
