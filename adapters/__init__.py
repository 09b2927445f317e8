"""Messenger adapters: each turns platform events into Requests and streams Replies back."""
