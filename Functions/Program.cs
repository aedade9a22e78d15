using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Portable.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddFunctionsHost(builder.Configuration, builder.Environment.ContentRootPath);
builder.Build().Run();
