"""Rule packs shipped with numcheck, included by name: `include: [numcheck:casualties]`.

Each pack is a YAML file beside this module; `numcheck:NAME` names `NAME.yaml` here, wherever
numcheck is installed, so a claims file outside a clone of the repository can use them."""
