using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>An empty durable store for one test, which several hosts and processes may share.</summary>
internal abstract class TestDatabase : IDisposable
{
    /// <summary>Registers this database's store, both of its sides.</summary>
    public abstract void AddStore(IServiceCollection services);

    /// <summary>Tells a Portable.Durable.CrashHost process which store to use, as its first arguments.</summary>
    public abstract void ConfigureCrashHost(ProcessStartInfo start);

    public virtual void Dispose()
    {
    }
}
