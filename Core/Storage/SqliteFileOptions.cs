namespace Portable.Core.Storage;

/// <summary><c>Storage:Sqlite:*</c>: the SQLite file of the embedded stores and queues.</summary>
public sealed record SqliteFileOptions
{
    /// <summary>The file, relative to the host's content root (Lambda: <c>/tmp</c>); its folder is created when missing.</summary>
    public string Path { get; set; } = ".data/app.db";
}
