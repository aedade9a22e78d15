using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Portable.Adapters.Durable.MySql;

/// <summary>
/// Several statements sent as one command, so that a claim's or a step's writes and their COMMIT cost one round
/// trip. Strings go as parameters, named as they are added; numbers are written into the text (always formatted
/// invariantly), which keeps the parameter list short.
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder _text = new(256);
    private readonly List<MySqlParameter> _parameters = [];

    /// <summary>Starts a READ COMMITTED transaction: locking reads see the newest rows, and plain reads lock nothing.</summary>
    public static SqlBatch BeginTransaction() =>
        new SqlBatch().Sql($"SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION;");

    public SqlBatch Sql(FormattableString sql)
    {
        _text.Append(sql.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Adds a parameter and returns its name, to be written into the text.</summary>
    public string Param(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new MySqlParameter(name, value ?? DBNull.Value));
        return name;
    }

    /// <summary>A comma-separated list of numbers, for <c>IN (...)</c>.</summary>
    public static string List(IEnumerable<long> values) =>
        string.Join(",", values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    public MySqlCommand Build(MySqlConnection connection)
    {
        var command = new MySqlCommand(_text.ToString(), connection);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Build(connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The first column of the first row the statements return (null when none), after running every statement to its
    /// end, so that a failure of a later one, COMMIT included, surfaces here.
    /// </summary>
    public async Task<object?> ScalarAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Build(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        object? value = null;
        if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0))
        {
            value = reader.GetValue(0);
        }

        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return value;
    }
}
