using Portable.Adapters.Hosting;
using Portable.Adapters.Local;
using Portable.Adapters.Local.Operability;
using Portable.Core.Http;

var builder = WebApplication.CreateSlimBuilder(args);
FunctionsStyleConfiguration.Apply(builder.Configuration, builder.Environment.ContentRootPath);
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
