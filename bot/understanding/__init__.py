"""Understanding: the vocabulary (lexicon), the gazetteer of places and programs, and the understander."""
