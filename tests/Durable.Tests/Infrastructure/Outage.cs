using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Validation;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// A store that is unavailable for its first calls of one method, as a database that times out while it recovers:
/// those calls throw <see cref="UnavailableException"/>, every other call reaches the real store.
/// </summary>
// Not sealed: DispatchProxy derives its proxy type from this class.
public class Outage<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private string _method = "";
    private int _failuresLeft;

    /// <summary>Replaces the registered <typeparamref name="T"/> with one whose <paramref name="method"/> fails <paramref name="failures"/> times first.</summary>
    public static void Inject(IServiceCollection services, string method, int failures)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(T));
        services.AddSingleton(provider =>
        {
            var inner = (T)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
            var proxy = Create<T, Outage<T>>();
            var outage = (Outage<T>)(object)proxy;
            outage._inner = inner;
            outage._method = method;
            outage._failuresLeft = failures;
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == _method && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new UnavailableException("The store did not answer in time.", TimeSpan.FromSeconds(1));
        }

        return targetMethod.Invoke(_inner, args);
    }
}
