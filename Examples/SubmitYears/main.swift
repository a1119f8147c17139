print("SubmitYears: not yet implemented")
