"""The pure core: plain frozen values in, values out. No I/O, no clock, no environment."""
