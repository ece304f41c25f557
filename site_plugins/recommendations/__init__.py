"""The ``lbp-recommendations`` MkDocs plugin: the guidance of :mod:`lbp_core`, rendered into the site.

Markers in the Markdown become recommendation blocks, citation links and the reference list; every
recommendation also gets a page of its own, and an offline question search reads a JSON index.
"""
