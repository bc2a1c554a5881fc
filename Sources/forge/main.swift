import ForgeKit
print(Day(parsing: "2026-11-25")!)
