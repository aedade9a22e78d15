using Portable.Adapters.Local;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Core;
using Portable.Core.ErrorLogs;
using Portable.Core.Http;

var builder = WebApplication.CreateSlimBuilder(args);
FunctionsStyleConfiguration.Apply(builder.Configuration, builder.Environment.ContentRootPath);
if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

builder.Services.AddPortableCore(builder.Configuration);
builder.Services.AddSingleton(services => LocalHostMetadata.Create(services.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(_ => new SqliteDatabase(
    Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Storage:Sqlite:Path"] ?? ".data/app.db")));
builder.Services.AddSingleton<IErrorLogStore, SqliteErrorLogStore>();

var app = builder.Build();
app.MapRouteTable(app.Services.GetRequiredService<RouteTable>(), FunctionsStyleConfiguration.RoutePrefix(app.Configuration));
app.Run();
