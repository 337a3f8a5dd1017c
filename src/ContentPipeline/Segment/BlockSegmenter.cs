using ContentPipeline.Config;
using ContentPipeline.Jieba;
using ContentPipeline.Normalise;

namespace ContentPipeline.Segment;

/// <summary>
/// Adds sentences, language, length and tokens to a document's normalised blocks. Chinese and mixed blocks are
/// cut by jieba (<see cref="JiebaSegmenter"/>), Latin-script blocks by <see cref="WordTokenizer"/>.
/// </summary>
public sealed class BlockSegmenter
{
    private readonly JiebaSegmenter _jieba;
    private readonly bool _hmm;

    public BlockSegmenter(SegmentSettings settings)
    {
        _hmm = settings.Hmm;
        _jieba = new JiebaSegmenter();
        if (settings.UserDict is { } userDict)
        {
            if (!File.Exists(userDict))
                throw new ContentPipelineException($"segment.user_dict: file '{userDict}' not found. Fix the path in pipeline.yaml or remove the key.", ExitCodes.BadConfigOrUsage);
            _jieba.LoadUserDict(userDict);
        }
    }

    public List<SegmentedBlock> Segment(string docId, IReadOnlyList<RawBlock> blocks)
    {
        var result = new List<SegmentedBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var language = LanguageDetector.Detect(block.Text);
            var tokens = new List<string>();
            if (language is Languages.Chinese or Languages.Mixed)
            {
                _jieba.Cut(block.Text.AsSpan(), tokens, cutAll: false, hmm: _hmm);
                tokens.RemoveAll(string.IsNullOrWhiteSpace); // jieba yields spaces as tokens
            }
            else
            {
                WordTokenizer.Tokenize(block.Text, tokens);
            }
            result.Add(new SegmentedBlock
            {
                DocId = docId,
                BlockIndex = i,
                Kind = block.Kind,
                Text = block.Text,
                SourceLine = block.SourceLine,
                LinkDensity = block.LinkDensity,
                Container = block.Container,
                Language = language,
                CharCount = CountScalars(block.Text),
                Sentences = block.Kind == BlockKinds.Code ? [block.Text] : SentenceSplitter.Split(block.Text),
                Tokens = tokens,
            });
        }
        return result;
    }

    private static int CountScalars(string s)
    {
        var n = s.Length;
        foreach (var c in s)
            if (char.IsLowSurrogate(c)) n--;
        return n;
    }
}
