namespace ContentPipeline.Learning.Data;

/// <summary>
/// Rows of sparse feature vectors (CSR: index/value arrays with row offsets), a boolean label and a weight
/// per row. The training input of <see cref="Trainers.LbfgsLogisticRegressionBinaryTrainer"/>.
/// </summary>
public sealed class SparseDataset
{
    private int[] _rowStart = new int[257];
    private int[] _indices = new int[4096];
    private float[] _values = new float[4096];
    private bool[] _labels = new bool[256];
    private float[] _weights = new float[256];

    public SparseDataset(int dimension)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        Dimension = dimension;
    }

    public int Dimension { get; }
    public int Count { get; private set; }
    public int NonZeroCount => _rowStart[Count];

    public void Add(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, bool label, float weight = 1f)
    {
        if (indices.Length != values.Length) throw new ArgumentException("indices and values differ in length");
        if (!(weight >= 0) || !float.IsFinite(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "must be finite and >= 0");
        if (Count == _labels.Length)
        {
            Array.Resize(ref _rowStart, _labels.Length * 2 + 1);
            Array.Resize(ref _labels, _labels.Length * 2);
            Array.Resize(ref _weights, _weights.Length * 2);
        }
        int start = _rowStart[Count];
        int end = start + indices.Length;
        if (end > _indices.Length)
        {
            int size = Math.Max(end, _indices.Length * 2);
            Array.Resize(ref _indices, size);
            Array.Resize(ref _values, size);
        }
        for (int i = 0; i < indices.Length; i++)
        {
            int j = indices[i];
            if ((uint)j >= (uint)Dimension) throw new ArgumentOutOfRangeException(nameof(indices), j, $"feature index outside 0..{Dimension - 1}");
            _indices[start + i] = j;
            _values[start + i] = values[i];
        }
        _labels[Count] = label;
        _weights[Count] = weight;
        Count++;
        _rowStart[Count] = end;
    }

    public ReadOnlySpan<int> Indices(int row) => _indices.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);
    public ReadOnlySpan<float> Values(int row) => _values.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);
    public bool Label(int row) => _labels[row];
    public float Weight(int row) => _weights[row];
}
