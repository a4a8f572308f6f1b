"""On PostgreSQL, the audit history refuses UPDATE and DELETE at the database itself.

Nobody, not even code with a bug or an administrator in a SQL shell through the app's
role, can rewrite history. (SQLite, the development default, relies on the read-only admin.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION bpo_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit history is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS bpo_auditlog_append_only ON auditlog_logentry;
CREATE TRIGGER bpo_auditlog_append_only BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION bpo_auditlog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS bpo_auditlog_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS bpo_auditlog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
