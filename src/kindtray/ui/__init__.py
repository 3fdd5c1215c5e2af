"""Qt adapters: they show windows and run the event loop, and ask the core what to do."""
