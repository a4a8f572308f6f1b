"""Quality management: standards per process, sample-based audits, periodic quality reviews.

Corrective actions (CAPA) raised from breaches, failed audits and reviews are risk.CorrectiveAction."""
