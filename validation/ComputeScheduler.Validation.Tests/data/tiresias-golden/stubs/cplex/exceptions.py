class CplexError(Exception):
    pass
