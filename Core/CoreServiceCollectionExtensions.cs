using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Core.Http;
using Portable.Core.Quality;

namespace Portable.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the services, route table and policies of <c>Core</c>; hosts add stores, queues and their own plumbing.</summary>
    public static IServiceCollection AddPortableCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(AccessOptions.FromConfiguration(configuration));
        services.TryAddSingleton<ApiAuthenticator>();
        services.TryAddSingleton(ApiRoutes.Create());
        services.TryAddSingleton<ApiDispatcher>();
        services.TryAddSingleton(QualityOptions.FromConfiguration(configuration.GetSection(QualityOptions.SectionName)));
        services.TryAddSingleton<SpectrumChecker>();
        return services;
    }
}
