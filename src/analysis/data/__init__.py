"""Reading and validating the inputs: files, schema and rules, numbers typed the Vietnamese way,
the choice among conflicting values, coverage, the Excel workbook and custom scenarios.
"""
