"""Files attached to ideas: photos of forms, PDFs and office documents, and the evidence
of a measured result. Checked by content (``detection``), stored under made-up names
behind one small interface (``storage``), served only to those who may see the idea, with
headers that keep a browser from running or sniffing them (``serving``)."""
