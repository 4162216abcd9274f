import GoTemplate
print("placeholder")
