using Portable.Operator.Api;
using Portable.Operator.Cli;

namespace Portable.Operator.Smoke;

/// <summary>
/// Every credential the smoke test plays a client with: the error-log write and read keys (seed 001's devices and
/// readers), a customer's bearer token (seed 002), the lab key (seed 003's instruments) and the operator key (to check
/// workflows and clean up). From options, else the environment; <c>--dev-keys</c> takes the embedded host's
/// Development defaults.
/// </summary>
internal sealed record SmokeCredentials(string WriteKey, string ReadKey, string CustomerToken, string LabKey, string OperatorKey)
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--write-key", "KEY", "The error-log write key, x-api-key (env PORTABLE_WRITE_KEY)."),
        OptionSpec.Value("--read-key", "KEY", "The error-log read key, x-api-key (env PORTABLE_READ_KEY)."),
        OptionSpec.Value("--token", "TOKEN", "A customer's bearer token for the order routes (env PORTABLE_CUSTOMER_TOKEN)."),
        OptionSpec.Value("--lab-key", "KEY", "The lab key for the quality routes, x-api-key (env PORTABLE_LAB_KEY)."),
        OptionSpec.Flag("--dev-keys", "Use the embedded host's Development credentials for whatever is not given."),
    ];

    public static SmokeCredentials From(ParsedArguments arguments, OperatorConsole console, Connection connection)
    {
        var development = arguments.Flag("--dev-keys");
        var missing = new List<string>();
        string Read(string option, string variable, string developmentValue)
        {
            var value = arguments.Value(option) ?? Connection.NonEmpty(console.Environment(variable)) ?? (development ? developmentValue : null);
            if (string.IsNullOrEmpty(value))
            {
                missing.Add($"{option} (or {variable})");
            }

            return value ?? "";
        }

        var credentials = new SmokeCredentials(
            Read("--write-key", "PORTABLE_WRITE_KEY", "dev-write-key"),
            Read("--read-key", "PORTABLE_READ_KEY", "dev-read-key"),
            Read("--token", "PORTABLE_CUSTOMER_TOKEN", "dev-token"),
            Read("--lab-key", "PORTABLE_LAB_KEY", "dev-lab-key"),
            connection.OperatorKey ?? (development ? "dev-operator-key" : Read("--key", Connection.OperatorKeyVariable, "")));
        return missing.Count == 0
            ? credentials
            : throw OperatorException.Usage($"smoke needs {string.Join(", ", missing)}; --dev-keys takes the Development defaults.");
    }

    public Credential Write => Credential.ApiKey(WriteKey);

    public Credential Read => Credential.ApiKey(ReadKey);

    public Credential Customer => Credential.Bearer(CustomerToken);

    public Credential Lab => Credential.ApiKey(LabKey);

    public Credential Operator => Credential.Operator(OperatorKey);
}
