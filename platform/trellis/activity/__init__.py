"""A record's activity and overview (its 360 page): the key figures of its header
(summary.py), the counts of its related records (related.py), one timeline merging its
changes, its related records' events, the messages sent about it, the flows that ran on it
and its comments (timeline.py, timeline_sources.py), and comments with @mentions that
notify (comments.py). Everything is read as the viewer may read it: the guarded query for
records, field permissions for values, the record's readers for comments and mentions."""
