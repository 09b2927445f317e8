"""Reading documents into text (``extract``) and writing official documents (``official``)."""
