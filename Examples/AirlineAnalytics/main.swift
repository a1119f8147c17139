print("AirlineAnalytics: not yet implemented")
