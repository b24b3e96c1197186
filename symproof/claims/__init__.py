"""The built-in homework (IFT6135-A2022 homework 2): one module per question, its metadata in homework.toml.

symproof.homework.builtin() loads it; importing this package loads nothing.
"""
