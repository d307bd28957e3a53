print("diaban")
