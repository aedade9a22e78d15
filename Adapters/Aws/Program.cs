using Portable.Adapters.Aws.Hosting;

return await LambdaBootstrap.RunAsync();
