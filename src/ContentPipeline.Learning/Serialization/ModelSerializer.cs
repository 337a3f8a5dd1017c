using System.Security.Cryptography;
using System.Text;
using ContentPipeline.Learning.Calibrators;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Model;
using ContentPipeline.Learning.Sequence;
using ContentPipeline.Learning.Trainers;

namespace ContentPipeline.Learning.Serialization;

/// <summary>
/// The model file: "CPLM" magic, int32 format version, int64 payload length, payload, SHA-256 of the payload.
/// All numbers little-endian; the first-stage weights are stored sparsely (non-zero index/value pairs).
/// Bytes depend only on the model, so the same training run gives the same file.
/// </summary>
public static class ModelSerializer
{
    public const int FormatVersion = 4;
    private static ReadOnlySpan<byte> Magic => "CPLM"u8;
    private const string Kind = "ContentPipeline.Learning.BlockClassificationModel";

    public static void Save(BlockClassificationModel model, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        string tmp = path + ".tmp";
        using (var stream = File.Create(tmp)) Save(model, stream);
        File.Move(tmp, path, overwrite: true);
    }

    public static void Save(BlockClassificationModel model, Stream stream)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Kind);
            var f = model.Featurizer;
            w.Write(f.HashBits); w.Write(f.WordNgramLength); w.Write(f.EdgeTokens);
            w.Write(f.CjkCharNgramMinLength); w.Write(f.CjkCharNgramMaxLength);
            w.Write(f.LatinCharNgramMinLength); w.Write(f.LatinCharNgramMaxLength);
            w.Write(f.MaximumCharsForCharNgrams); w.Write(f.LogScaleCounts); w.Write(f.NormalizeText); w.Write(f.TextFeatureScale);
            w.Write(DenseBlockFeatures.Count);
            w.Write(SecondStageFeatures.Count);
            WriteSparse(w, model.FirstStage);
            w.Write(model.TextStage is not null);
            if (model.TextStage is { } text) WriteSparse(w, text);
            var second = model.SecondStage;
            w.Write(second.Dimension); w.Write(second.Bias);
            foreach (float v in second.Weights) w.Write(v);
            w.Write(model.ContextTrees is not null);
            if (model.ContextTrees is { } trees)
            {
                w.Write(ContextTreeFeatures.Count);
                trees.Save(w);
            }
            w.Write(model.Calibrator.Slope); w.Write(model.Calibrator.Offset);
            var h = model.Smoother;
            w.Write(h.StartBoilerplate); w.Write(h.ContentToBoilerplate); w.Write(h.BoilerplateToContent); w.Write(h.PriorBoilerplate); w.Write(h.Strength);
            w.Write(model.UseSmoothing);
            w.Write(model.DecisionThreshold);
            w.Write(model.TrainingDataHash);
            w.Write(model.Metrics.Count);
            foreach (var (name, value) in model.Metrics) { w.Write(name); w.Write(value); }
        }
        var bytes = payload.ToArray();
        using var o = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        o.Write(Magic);
        o.Write(FormatVersion);
        o.Write((long)bytes.Length);
        o.Write(bytes);
        o.Write(SHA256.HashData(bytes));
    }

    public static BlockClassificationModel Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) { throw new ModelFormatException(path, "does not exist", e); }
        catch (DirectoryNotFoundException e) { throw new ModelFormatException(path, "does not exist", e); }
        catch (IOException e) { throw new ModelFormatException(path, $"cannot be read ({e.Message})", e); }
        catch (UnauthorizedAccessException e) { throw new ModelFormatException(path, $"cannot be read ({e.Message})", e); }
        return Load(bytes, path);
    }

    public static BlockClassificationModel Load(ReadOnlySpan<byte> file, string path)
    {
        if (file.Length < 16 || !file[..4].SequenceEqual(Magic))
            throw new ModelFormatException(path, "is not a ContentPipeline model (bad header)");
        int version = BitConverter.ToInt32(file[4..8]);
        if (version != FormatVersion)
            throw new ModelFormatException(path, $"has format version {version}, but this build reads version {FormatVersion}");
        long length = BitConverter.ToInt64(file[8..16]);
        if (length < 0 || 16 + length + 32 != file.Length)
            throw new ModelFormatException(path, $"is truncated or has trailing bytes ({file.Length} bytes, header says {16 + length + 32})");
        var payload = file.Slice(16, (int)length);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(file[(16 + (int)length)..]))
            throw new ModelFormatException(path, "is corrupt (checksum mismatch)");
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload.ToArray()), Encoding.UTF8);
            if (r.ReadString() != Kind) throw new ModelFormatException(path, "holds another kind of model");
            var f = new FeaturizerOptions
            {
                HashBits = r.ReadInt32(), WordNgramLength = r.ReadInt32(), EdgeTokens = r.ReadInt32(),
                CjkCharNgramMinLength = r.ReadInt32(), CjkCharNgramMaxLength = r.ReadInt32(),
                LatinCharNgramMinLength = r.ReadInt32(), LatinCharNgramMaxLength = r.ReadInt32(),
                MaximumCharsForCharNgrams = r.ReadInt32(), LogScaleCounts = r.ReadBoolean(), NormalizeText = r.ReadBoolean(),
                TextFeatureScale = r.ReadSingle(),
            };
            f.Validate();
            int dense = r.ReadInt32(), secondCount = r.ReadInt32();
            if (dense != DenseBlockFeatures.Count || secondCount != SecondStageFeatures.Count)
                throw new ModelFormatException(path, $"was made with another feature layout ({dense}/{secondCount} dense features, this build has {DenseBlockFeatures.Count}/{SecondStageFeatures.Count})");
            int dimension = (1 << f.HashBits) + dense;
            var first = ReadSparse(r, dimension, path, "first-stage");
            var text = r.ReadBoolean() ? ReadSparse(r, dimension, path, "text-stage") : null;
            int dim2 = r.ReadInt32();
            if (dim2 != SecondStageFeatures.Count) throw new ModelFormatException(path, "has inconsistent second-stage dimensions");
            float bias2 = r.ReadSingle();
            var w2 = new float[dim2];
            for (int i = 0; i < dim2; i++) w2[i] = r.ReadSingle();
            TreeEnsembleModelParameters? trees = null;
            if (r.ReadBoolean())
            {
                int treeFeatures = r.ReadInt32();
                if (treeFeatures != ContextTreeFeatures.Count)
                    throw new ModelFormatException(path, $"was made with another context-tree layout ({treeFeatures} features, this build has {ContextTreeFeatures.Count})");
                try { trees = TreeEnsembleModelParameters.Load(r); }
                catch (InvalidDataException e) { throw new ModelFormatException(path, $"has bad context trees ({e.Message})", e); }
                if (trees.FeatureCount != treeFeatures) throw new ModelFormatException(path, "has inconsistent context-tree dimensions");
            }
            var calibrator = new PlattCalibrator(r.ReadDouble(), r.ReadDouble());
            var smoother = new HiddenMarkovSmoother(r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
            bool useSmoothing = r.ReadBoolean();
            float threshold = r.ReadSingle();
            string dataHash = r.ReadString();
            int metricCount = r.ReadInt32();
            if (metricCount < 0 || metricCount > 100_000) throw new ModelFormatException(path, "has a bad metrics section");
            var metrics = new Dictionary<string, double>();
            for (int i = 0; i < metricCount; i++) metrics[r.ReadString()] = r.ReadDouble();
            if (r.BaseStream.Position != r.BaseStream.Length) throw new ModelFormatException(path, "has unexpected bytes after the model");
            return new BlockClassificationModel(f, first, new LinearBinaryModelParameters(w2, bias2), calibrator, smoother,
                useSmoothing, threshold, dataHash, metrics, trees, text);
        }
        catch (ModelFormatException) { throw; }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException or FormatException)
        {
            throw new ModelFormatException(path, $"cannot be decoded ({e.Message})", e);
        }
    }

    // A hashed linear model: dimension, bias, then its non-zero weights as (index, value) pairs.
    private static void WriteSparse(BinaryWriter w, LinearBinaryModelParameters model)
    {
        w.Write(model.Dimension); w.Write(model.Bias);
        int nonZero = 0;
        foreach (float v in model.Weights) if (v != 0) nonZero++;
        w.Write(nonZero);
        for (int i = 0; i < model.Weights.Length; i++)
            if (model.Weights[i] != 0) { w.Write(i); w.Write(model.Weights[i]); }
    }

    private static LinearBinaryModelParameters ReadSparse(BinaryReader r, int expectedDimension, string path, string stage)
    {
        int dim = r.ReadInt32();
        float bias = r.ReadSingle();
        int nonZero = r.ReadInt32();
        if (dim != expectedDimension || nonZero < 0 || nonZero > dim)
            throw new ModelFormatException(path, $"has inconsistent {stage} dimensions");
        var weights = new float[dim];
        for (int i = 0; i < nonZero; i++)
        {
            int j = r.ReadInt32();
            if ((uint)j >= (uint)dim) throw new ModelFormatException(path, $"has a {stage} weight index out of range");
            weights[j] = r.ReadSingle();
        }
        return new LinearBinaryModelParameters(weights, bias);
    }
}
