#!/bin/sh
# The cost of writing a file's bytes into a new file on this machine: the floor under every patch.
exec cat "$1" > "$2"
