"""Identity resolution: records of many channel exports linked into one customer each (normalise,
block, Fellegi-Sunter with EM, cluster, review), the unified customer table and Customer 360."""
