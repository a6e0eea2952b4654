-- Where a studio's schema lives: a database named in portico.placements, or null for this (the primary) database.
-- Written when the studio is registered and never changed by Portico: moving a studio is a dump and restore.
ALTER TABLE tenants ADD COLUMN placement text;
