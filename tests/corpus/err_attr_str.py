"abc".append("d")
