# A 3x3 filter sliding over a tiny image, then max pooling.
import torch
import torch.nn.functional as F

# A 6x6 greyscale image: dark on the left, bright on the right.
image = torch.tensor([[0, 0, 0, 1, 1, 1]] * 6, dtype=torch.float32)

# A vertical-edge filter: right column minus left column.
edge = torch.tensor([[-1, 0, 1],
                     [-1, 0, 1],
                     [-1, 0, 1]], dtype=torch.float32)

# conv2d wants [batch, channels, height, width] and [out, in, k, k].
feature_map = F.conv2d(image.view(1, 1, 6, 6), edge.view(1, 1, 3, 3))
print("feature map", tuple(feature_map.shape[2:]))
for row in feature_map[0, 0].int().tolist():
    print("  ", row)

pooled = F.max_pool2d(feature_map, 2)
print("after 2x2 max pooling", tuple(pooled.shape[2:]))
for row in pooled[0, 0].int().tolist():
    print("  ", row)

# Max pooling keeps the strongest response in each 2x2 window, wherever in the
# window it sits: a peak moved by one pixel within its window pools the same.
peak = torch.zeros(1, 1, 4, 4)
peak[0, 0, 0, 0] = 5.0
moved = torch.zeros(1, 1, 4, 4)
moved[0, 0, 1, 1] = 5.0
same = torch.equal(F.max_pool2d(peak, 2), F.max_pool2d(moved, 2))
print("same after pooling:", same)

# Pooling halves each side: a 32x32 map becomes 16x16.
print("32x32 ->", tuple(F.max_pool2d(torch.zeros(1, 1, 32, 32), 2).shape[2:]))
