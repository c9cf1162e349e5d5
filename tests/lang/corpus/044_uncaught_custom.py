class ConfigError(Exception):
    pass
def check(cfg):
    if "name" not in cfg:
        raise ConfigError("missing name")
print("checking")
check({})
