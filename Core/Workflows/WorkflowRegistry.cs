using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Core.Workflows;

/// <summary>
/// The orchestrators and activities a host can run, by name and optional version. Hosts build it
/// once at start-up and only read it afterwards. Names are case-insensitive, as in Durable Functions.
/// Without a version, a lookup takes the unversioned registration, else the one registered last.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, List<Registration<Func<IWorkflow>>>> _workflows =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<Registration<Func<IServiceProvider, IActivity>>>> _activities =
        new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> WorkflowNames => _workflows.Keys;

    public IEnumerable<string> ActivityNames => _activities.Keys;

    public WorkflowRegistry AddWorkflow(string name, Func<IWorkflow> factory, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_workflows, name, version, factory, "workflow");
        return this;
    }

    public WorkflowRegistry AddWorkflow<TWorkflow>(string? name = null, string? version = null)
        where TWorkflow : IWorkflow, new() =>
        AddWorkflow(name ?? typeof(TWorkflow).Name, () => new TWorkflow(), version);

    /// <summary>Registers <typeparamref name="TWorkflow"/> under the reference's name; the compiler checks it takes and gives the reference's types.</summary>
    public WorkflowRegistry AddWorkflow<TWorkflow, TInput, TOutput>(WorkflowReference<TInput, TOutput> workflow, string? version = null)
        where TWorkflow : Workflow<TInput, TOutput>, new()
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return AddWorkflow<TWorkflow>(workflow.Name, version);
    }

    public WorkflowRegistry AddWorkflow<TInput, TOutput>(
        string name, Func<WorkflowContext, TInput, Task<TOutput>> run, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var workflow = new DelegateWorkflow<TInput, TOutput>(run);
        return AddWorkflow(name, () => workflow, version);
    }

    /// <summary>Registers an activity built per execution from that execution's service scope.</summary>
    public WorkflowRegistry AddActivity(string name, Func<IServiceProvider, IActivity> factory, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_activities, name, version, factory, "activity");
        return this;
    }

    public WorkflowRegistry AddActivity<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TActivity>(
        string? name = null, string? version = null)
        where TActivity : class, IActivity =>
        AddActivity(
            name ?? typeof(TActivity).Name,
            services => ActivatorUtilities.CreateInstance<TActivity>(services),
            version);

    /// <summary>Registers <typeparamref name="TActivity"/> under the reference's name; the compiler checks it takes and gives the reference's types.</summary>
    public WorkflowRegistry AddActivity<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TActivity, TInput, TOutput>(
        ActivityReference<TInput, TOutput> activity, string? version = null)
        where TActivity : Activity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity<TActivity>(activity.Name, version);
    }

    public WorkflowRegistry AddActivity<TInput, TOutput>(
        string name, Func<ActivityContext, TInput, CancellationToken, Task<TOutput>> run, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new DelegateActivity<TInput, TOutput>(run);
        return AddActivity(name, _ => activity, version);
    }

    public bool TryGetWorkflow(
        string name, string? version, [NotNullWhen(true)] out Func<IWorkflow>? factory, out string? resolvedVersion) =>
        TryGet(_workflows, name, version, out factory, out resolvedVersion);

    public bool TryGetActivity(
        string name, string? version, [NotNullWhen(true)] out Func<IServiceProvider, IActivity>? factory) =>
        TryGet(_activities, name, version, out factory, out _);

    private static void Add<T>(
        Dictionary<string, List<Registration<T>>> map, string name, string? version, T factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryGetValue(name, out var registrations))
        {
            registrations = [];
            map[name] = registrations;
        }

        if (registrations.Exists(r => string.Equals(r.Version, version, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                $"The {kind} '{name}'{(version is null ? string.Empty : $" version '{version}'")} is already registered.");
        }

        registrations.Add(new Registration<T>(version, factory));
    }

    private static bool TryGet<T>(
        Dictionary<string, List<Registration<T>>> map,
        string name,
        string? version,
        [NotNullWhen(true)] out T? factory,
        out string? resolvedVersion)
        where T : class
    {
        factory = null;
        resolvedVersion = null;
        if (!map.TryGetValue(name, out var registrations))
        {
            return false;
        }

        var match = version is null
            ? registrations.Find(r => r.Version is null) ?? registrations[^1]
            : registrations.Find(r => string.Equals(r.Version, version, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return false;
        }

        factory = match.Factory;
        resolvedVersion = match.Version;
        return true;
    }

    private sealed record Registration<T>(string? Version, T Factory);
}
