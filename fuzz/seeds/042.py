s = 'héllo ✓'
nom = 'ü'
