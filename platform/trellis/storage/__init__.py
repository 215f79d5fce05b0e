"""Storage: the database engine and its write gate, the platform's own tables and their
migrations, number sequences and the attachment file store."""
