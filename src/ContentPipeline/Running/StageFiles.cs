using System.Security.Cryptography;

namespace ContentPipeline.Running;

/// <summary>Names of the files stages hand to each other.</summary>
public static class StageFiles
{
    public const string Documents = "documents.parquet";
    public const string Blocks = "blocks.parquet";
    public const string Labels = "labels.parquet";
    public const string Rejects = "rejects.parquet";

    /// <summary>SHA-256 over the names and bytes of every Parquet file in a folder, in ordinal name order.</summary>
    public static string Fingerprint(string dir)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(dir, "*.parquet");
        Array.Sort(files, StringComparer.Ordinal);
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            using var s = File.OpenRead(file);
            int n;
            while ((n = s.Read(buffer)) > 0) hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
