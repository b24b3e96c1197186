"""The built-in homework (IFT6135-A2022 homework 2): q<N>_*.py by sub-question or group, its metadata in homework.toml.

symproof.homework.builtin() loads it; importing this package loads nothing.
"""
