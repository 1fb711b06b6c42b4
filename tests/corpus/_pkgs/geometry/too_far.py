from ...outside import thing
