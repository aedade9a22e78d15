namespace Portable.Core.Storage;

/// <summary><c>Storage:Provider</c>.</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file on the host's disk (the embedded default).</summary>
    Sqlite,

    /// <summary>MySQL (RDS, Azure Database for MySQL, MariaDB) at <c>ConnectionStrings:MySql</c>.</summary>
    MySql,
}
