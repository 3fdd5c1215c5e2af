"""The use cases between core/ and ui/, free of Qt.

The break's flow, the reminder flow, the command table and the wording of what kindtray says.
Everything here runs and is tested without a QApplication; time comes from the core Clock and
explicit calls, never from sleeps or timers.
"""
