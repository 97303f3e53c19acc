"""The report table kinds, one module each (block, compute, view model, open-data columns, ``KIND``).

``reports.kinds.KIND_MODULES`` lists them; ``common`` holds what every kind builds on. This package imports
nothing on its own, so a kind module can be loaded by the registry at any point of the app's start.
"""
