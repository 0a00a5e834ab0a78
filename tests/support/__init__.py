"""What several test modules share: paths to the data, hand-built samples. Not tests themselves."""
