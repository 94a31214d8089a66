"""Importing the HR roster (CSV or XLSX): people created, updated, left unchanged or
refused row by row, a dry run before anything is written, one transaction for the write.

reading (the file, streamed) → rules (one row alone) → planning (against the database, in
batches; the same code for a dry run and an apply) → operations (record the run, signal);
the command line (``ideaboard import-roster``) and the pages under ``/admin/roster`` call
the operations.
"""
