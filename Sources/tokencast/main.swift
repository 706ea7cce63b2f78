print("tokencast")
