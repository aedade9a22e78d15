using Portable.Adapters.Hosting;
using Portable.Adapters.Local;
using Portable.Adapters.Local.Operability;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.Http;

var builder = WebApplication.CreateSlimBuilder(args);
FunctionsStyleConfiguration.Apply(builder.Configuration, builder.Environment.ContentRootPath);
if (args is ["migrate", ..])
{
    // `dotnet run --project Adapters/Local -- migrate`: apply the MySQL schema migrations and exit.
    var connectionString = builder.Configuration.GetConnectionString("MySql")
        ?? throw new InvalidOperationException("ConnectionStrings:MySql is not set.");
    using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
    var applied = await MySqlMigrator.MigrateAsync(connectionString, CancellationToken.None, loggers.CreateLogger("migrate"));
    Console.WriteLine(applied.Count == 0 ? "The schema is up to date." : $"Applied: {string.Join(", ", applied)}");
    return;
}

if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls(FunctionsStyleConfiguration.DefaultUrl);
}

builder.Services.AddPortableSystem(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(services => ProcessHostMetadata.Create(services.GetRequiredService<TimeProvider>()));
builder.AddOperability();

var app = builder.Build();
app.MapOperability();
app.MapRouteTable(app.Services.GetRequiredService<RouteTable>(), FunctionsStyleConfiguration.RoutePrefix(app.Configuration));
if (app.Configuration.GetValue("Development:Upstreams", defaultValue: false))
{
    app.MapDevelopmentUpstream();
}

app.Run();
