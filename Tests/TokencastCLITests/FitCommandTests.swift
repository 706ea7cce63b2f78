// Command-line tests of fit and backtest live beside this file.
