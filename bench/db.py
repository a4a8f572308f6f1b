"""The benchmarks' database: created on the PostgreSQL server of DATABASE_URL when missing."""


def create_database():
    """Create the PostgreSQL database of DATABASE_URL when it does not exist yet."""
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        raise SystemExit("the benchmarks need PostgreSQL: set DATABASE_URL=postgres://...")
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
              "password": db["PASSWORD"] or None, "dbname": "postgres"}  # fmt: skip
    conn = psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    finally:
        conn.close()


def migrated_postgresql(benchmark: str) -> None:
    """Refuses to run a benchmark on anything but PostgreSQL, then migrates its database."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit(f"{benchmark} needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
